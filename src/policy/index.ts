// The sandbox's one IAM policy evaluator: grammar, matching, AWS's evaluation logic, AccessDenied wording.
// See "Policy evaluation (`policy/`)" in src/sandbox/README.md for every rule and its source.
export { authorize } from './authorize.ts'
export { PolicyParseError } from './document.ts'
export { evaluatePolicy } from './evaluate.ts'
export { checkPolicyGrammar, type GrammarOptions, type PolicyKind } from './grammar.ts'
export { type DenialMessageOptions, denialContext, denialMessage } from './messages.ts'
export { type PrincipalFacts, principalContext } from './principal-context.ts'
export { requestReadsKey } from './request-reads.ts'
export type * from './types.ts'
