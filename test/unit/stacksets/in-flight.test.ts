// Stack instances PENDING / RUNNING (Status OUTDATED) never compare as done (issue 13): waited for while an
// operation is active, deployed again once none is.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { withoutActiveWork } from '../../../src/modules/stacksets/in-flight.ts'
import type { InstanceProblem } from '../../../src/modules/stacksets/observed.ts'
import { describeKind, repairable } from '../../../src/modules/stacksets/stackset-diff.ts'

const test = suite('stack instances still deploying')

const at = (kind: string, account = '333333333333'): InstanceProblem => ({
  account,
  region: 'us-east-1',
  kind,
})
const kinds = (problems: InstanceProblem[]) => problems.map((p) => p.kind)

const CASES: { name: string; problems: InstanceProblem[]; active: boolean; repaired: string[] }[] = [
  {
    name: 'an active operation owns its PENDING and RUNNING instances: nothing to repair for them, FAILED still is',
    problems: [at('PENDING'), at('RUNNING', '444444444444'), at('FAILED', '555555555555')],
    active: true,
    repaired: ['FAILED'],
  },
  {
    name: 'no operation active: PENDING / RUNNING were left unfinished (a stopped or failed operation) and are deployed again',
    problems: [at('PENDING'), at('RUNNING', '444444444444')],
    active: false,
    repaired: ['PENDING', 'RUNNING'],
  },
  {
    name: 'INOPERABLE is a note, never a repair, with or without an operation',
    problems: [at('INOPERABLE')],
    active: false,
    repaired: [],
  },
]

for (const c of CASES) {
  test(c.name, () => {
    assert.equal(kinds(repairable(withoutActiveWork(c.problems, c.active), [])), c.repaired)
  })
}

test('the plan names an unfinished instance for what it is, not as failed', () => {
  assert.match(describeKind('PENDING'), 'left unfinished (PENDING')
  assert.match(describeKind('RUNNING'), 'left unfinished (RUNNING')
  assert.is(describeKind('FAILED'), 'failed')
})

test.run()
