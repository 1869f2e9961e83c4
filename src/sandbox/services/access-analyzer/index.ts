// IAM Access Analyzer (restJson1, signing name `access-analyzer`): routes from the model's http traits
// (botocore accessanalyzer 2019-11-01); members travel under their camelCase model names.
import type { SimulatedService } from '../service.ts'
import { createAnalyzer, deleteAnalyzer, getAnalyzer, listAnalyzers, updateAnalyzer } from './analyzers.ts'
import {
  createArchiveRule,
  deleteArchiveRule,
  getArchiveRule,
  listArchiveRules,
  updateArchiveRule,
} from './archive-rules.ts'

const RULES = '/analyzer/{analyzerName}/archive-rule'

export const accessAnalyzer: SimulatedService = {
  regional: true,
  spec: {
    signingName: 'access-analyzer',
    protocol: 'restJson1',
    routes: [
      { operation: 'CreateAnalyzer', method: 'PUT', path: '/analyzer', handler: createAnalyzer },
      { operation: 'ListAnalyzers', method: 'GET', path: '/analyzer', handler: listAnalyzers },
      { operation: 'GetAnalyzer', method: 'GET', path: '/analyzer/{analyzerName}', handler: getAnalyzer },
      {
        operation: 'UpdateAnalyzer',
        method: 'PUT',
        path: '/analyzer/{analyzerName}',
        handler: updateAnalyzer,
      },
      {
        operation: 'DeleteAnalyzer',
        method: 'DELETE',
        path: '/analyzer/{analyzerName}',
        handler: deleteAnalyzer,
      },
      { operation: 'CreateArchiveRule', method: 'PUT', path: RULES, handler: createArchiveRule },
      { operation: 'ListArchiveRules', method: 'GET', path: RULES, handler: listArchiveRules },
      { operation: 'GetArchiveRule', method: 'GET', path: `${RULES}/{ruleName}`, handler: getArchiveRule },
      {
        operation: 'UpdateArchiveRule',
        method: 'PUT',
        path: `${RULES}/{ruleName}`,
        handler: updateArchiveRule,
      },
      {
        operation: 'DeleteArchiveRule',
        method: 'DELETE',
        path: `${RULES}/{ruleName}`,
        handler: deleteArchiveRule,
      },
    ],
  },
}
