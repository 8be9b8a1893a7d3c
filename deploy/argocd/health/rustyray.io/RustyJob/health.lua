-- Argo CD health of a RustyJob (rustyray.io/v1alpha1).
-- A spec the operator has not acted on yet is never reported Healthy.
local hs = { status = "Progressing", message = "Waiting for the operator" }
if obj.spec ~= nil and obj.spec.suspend == true then
  hs.status = "Suspended"
  hs.message = "Suspended"
  return hs
end
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

local status = obj.status.jobStatus
local job = obj.status.jobId or "the job"
local attempts = obj.status.attempts or 0
local ready = condition("Ready")

if ready ~= nil and ready.reason == "ClusterNotFound" then
  hs.status = "Missing"
  hs.message = ready.message or "The job's cluster does not exist"
  return hs
end
if status == "SUCCEEDED" then
  hs.status = "Healthy"
  hs.message = job .. " succeeded"
  return hs
end
if status == "FAILED" then
  local failed = condition("Failed")
  hs.status = "Degraded"
  hs.message = (failed and failed.reason and (failed.reason .. ": ") or "")
    .. (obj.status.message or (failed and failed.message) or (job .. " failed"))
  return hs
end
if status == "STOPPED" then
  hs.status = "Degraded"
  hs.message = job .. " was stopped" .. (obj.status.message and (": " .. obj.status.message) or "")
  return hs
end
if status == "RUNNING" then
  hs.message = job .. " is running"
  if attempts > 1 then
    hs.message = hs.message .. " (attempt " .. attempts .. ")"
  end
  return hs
end
hs.message = (ready and ready.message) or (status and (job .. " is " .. status)) or "Waiting to submit"
return hs
