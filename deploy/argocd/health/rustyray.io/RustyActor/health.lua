-- Argo CD health of a RustyActor (rustyray.io/v1alpha1).
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
local restarts = obj.status.restarts or 0

if ready ~= nil and ready.reason == "ClusterNotFound" then
  hs.status = "Missing"
  hs.message = ready.message or "The actor's cluster does not exist"
  return hs
end
-- A durable actor's restarted instance starts from the newest checkpoint the head keeps.
local checkpoint = obj.status.lastCheckpoint
local restores = obj.status.restores or 0
if state == "ALIVE" then
  hs.status = "Healthy"
  hs.message = "ALIVE on " .. (obj.status.node or "a node")
  if restarts > 0 then
    hs.message = hs.message .. " after " .. restarts .. " restart(s)"
  end
  if restores > 0 then
    hs.message = hs.message .. ", restored from its checkpoint " .. restores .. " time(s)"
  end
  return hs
end
if state == "RESTARTING" then
  local max = obj.spec.maxRestarts
  if max == nil or max < 0 then
    hs.message = "restart " .. restarts .. " (unlimited)"
  else
    hs.message = "restart " .. restarts .. " of " .. max
  end
  if checkpoint ~= nil and checkpoint.calls ~= nil then
    hs.message = hs.message .. ": restoring the checkpoint of call " .. checkpoint.calls
  end
  return hs
end
if state == "DEAD" then
  hs.status = "Degraded"
  hs.message = "DEAD: " .. (obj.status.deathCause or "no cause recorded")
  return hs
end
-- PENDING_CREATION, DEPENDENCIES_UNREADY, or no state yet.
local detail = obj.status.pendingReason or (ready and ready.message)
hs.message = (state or "PENDING_CREATION") .. (detail and (": " .. detail) or "")
if checkpoint ~= nil and checkpoint.calls ~= nil then
  hs.message = hs.message .. "; will restore the checkpoint of call " .. checkpoint.calls
end
return hs
