// IAM Access Analyzer (prefix `access-analyzer`). Source: Service Authorization Reference, "Actions,
// resources, and condition keys for AWS IAM Access Analyzer": resource types Analyzer
// (`arn:${Partition}:access-analyzer:${Region}:${Account}:analyzer/${AnalyzerName}`) and ArchiveRule
// (`…:analyzer/${AnalyzerName}/archive-rule/${RuleName}`); ListAnalyzers names none. aws:RequestTag on
// CreateAnalyzer.
import type { ActionInput, ActionScope, ActionTable } from '../types.ts'
import { requestTags, text } from './helpers.ts'

const analyzer = (input: ActionInput, scope: ActionScope) => [
  `arn:aws:access-analyzer:${scope.region}:${scope.account}:analyzer/${text(input, 'analyzerName') ?? ''}`,
]

const archiveRule = (input: ActionInput, scope: ActionScope) => [
  `${analyzer(input, scope)[0]}/archive-rule/${text(input, 'ruleName') ?? ''}`,
]

export const accessAnalyzerActions: ActionTable = {
  CreateAnalyzer: {
    action: 'access-analyzer:CreateAnalyzer',
    resources: analyzer,
    context: (input) => requestTags(input.tags),
  },
  GetAnalyzer: { action: 'access-analyzer:GetAnalyzer', resources: analyzer },
  ListAnalyzers: { action: 'access-analyzer:ListAnalyzers' },
  UpdateAnalyzer: { action: 'access-analyzer:UpdateAnalyzer', resources: analyzer },
  DeleteAnalyzer: { action: 'access-analyzer:DeleteAnalyzer', resources: analyzer },
  CreateArchiveRule: { action: 'access-analyzer:CreateArchiveRule', resources: archiveRule },
  GetArchiveRule: { action: 'access-analyzer:GetArchiveRule', resources: archiveRule },
  ListArchiveRules: { action: 'access-analyzer:ListArchiveRules', resources: analyzer },
  UpdateArchiveRule: { action: 'access-analyzer:UpdateArchiveRule', resources: archiveRule },
  DeleteArchiveRule: { action: 'access-analyzer:DeleteArchiveRule', resources: archiveRule },
}
