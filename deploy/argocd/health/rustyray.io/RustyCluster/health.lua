-- Argo CD health of a RustyCluster (rustyray.io/v1alpha1).
-- A spec the operator has not acted on yet is never reported Healthy.
local hs = { status = "Progressing", message = "Waiting for the operator" }
if obj.status == nil then
  return hs
end
local generation = obj.metadata.generation or 0
local observed = obj.status.observedGeneration or 0
if observed < generation then
  hs.message = "Waiting for the operator to act on generation " .. generation
  return hs
end

local function condition(kind)
  if obj.status.conditions == nil then
    return nil
  end
  for _, c in ipairs(obj.status.conditions) do
    if c.type == kind then
      return c
    end
  end
  return nil
end

local ready = condition("Ready")
local state = obj.status.state
local workers = (obj.status.readyWorkers or 0) .. "/" .. (obj.status.desiredWorkers or 0) .. " workers ready"

if state == "Suspended" then
  hs.status = "Suspended"
  hs.message = "Suspended: no pods run"
  return hs
end
if state == "Failed" then
  hs.status = "Degraded"
  hs.message = (ready and ready.message) or "The cluster failed"
  return hs
end
if state == "Ready" and ready ~= nil and ready.status == "True" then
  hs.status = "Healthy"
  hs.message = workers
  if obj.status.nodesAlive ~= nil then
    hs.message = hs.message .. ", " .. obj.status.nodesAlive .. " nodes alive"
  end
  return hs
end
hs.message = (ready and ready.message) or ("Provisioning: " .. workers)
return hs
