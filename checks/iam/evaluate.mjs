// Evaluates AWS requests against IAM identity policies offline with @cloud-copilot/iam-simulate.
// Input (file named by the first argument): {"requests": [{"id", "principal" (role ARN), "action",
// "resource", "account", "context": {key: value}, "policies": [{"name", "policy"}]}]}.
// Output (stdout): [{"id", "result" (Allowed | ImplicitlyDenied | ExplicitlyDenied | Error), "why"}].
import { readFileSync } from 'node:fs'
import { runSimulation } from '@cloud-copilot/iam-simulate'

const { requests } = JSON.parse(readFileSync(process.argv[2], 'utf8'))

const show = (value) => (typeof value === 'string' ? value : JSON.stringify(value))

/** The simulator's resource mismatch reasons, in words. */
const MISMATCH = {
  wildcardOnlyActionSpecificResource: 'the action has no resource type: only Resource "*" grants it',
  resourceIdMismatch: 'a different resource',
  serviceMismatch: 'a resource of another service',
}

/** Why a request was denied, from the simulator's statement explanations. */
function why(request, analysis) {
  const identity = analysis?.identityAnalysis
  if (!identity) {
    return `no identity analysis (${analysis?.result})`
  }
  // A statement in the analysis is an object of the policy library; its JSON is the policy's text.
  const text = (s) => JSON.parse(JSON.stringify(s.statement))
  if (identity.denyStatements?.length) {
    return identity.denyStatements
      .map((s) => `explicitly denied by ${s.policyId}: ${show(text(s))}`)
      .join('; ')
  }
  const reasons = []
  for (const s of identity.unmatchedStatements ?? []) {
    const statement = text(s)
    if (!s.actionMatch || statement.Effect !== 'Allow') {
      continue
    }
    if (!s.resourceMatch) {
      const mismatch = [s.explain?.resources ?? []].flat().map((r) => r.mismatchReason).filter(Boolean)
      reasons.push(`${s.policyId} grants ${request.action} only on ${show(statement.Resource)}` +
        (mismatch.length ? ` (${[...new Set(mismatch)].map((m) => MISMATCH[m] ?? m).join(', ')})` : ''))
    } else if (s.conditionMatch !== 'Match') {
      const conditions = (s.explain?.conditions ?? [])
        .filter((c) => !c.matches)
        .map((c) => `${c.operator} ${c.conditionKeyValue} ${show(c.values?.value ?? c.values)} ` +
          `but the request has ${show(c.resolvedConditionKeyValue ?? 'no value')}`)
      reasons.push(`${s.policyId} grants ${request.action} on ${show(statement.Resource)} only if ` +
        (conditions.length ? conditions.join(' and ') : show(statement.Condition)))
    }
  }
  return reasons.length ? reasons.join('; ') : `no statement of the role grants ${request.action}`
}

const results = []
for (const request of requests) {
  const simulation = {
    request: {
      principal: request.principal,
      action: request.action,
      resource: { resource: request.resource, accountId: request.account },
      contextVariables: request.context ?? {},
    },
    identityPolicies: request.policies,
    serviceControlPolicies: [],
    resourceControlPolicies: [],
  }
  const response = await runSimulation(simulation, { simulationMode: 'Strict' })
  if (response.resultType === 'error') {
    results.push({ id: request.id, result: 'Error', why: show(response.errors) })
  } else if (response.resultType === 'single') {
    const analysis = response.result.analysis
    results.push({
      id: request.id,
      result: response.overallResult,
      why: response.overallResult === 'Allowed' ? '' : why(request, analysis),
    })
  } else {
    results.push({ id: request.id, result: 'Error', why: `unexpected ${response.resultType} result for one resource` })
  }
}
process.stdout.write(JSON.stringify(results))
