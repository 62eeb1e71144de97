import { expect } from 'chai';
import { scanMembers } from '../../src/documents/validation/member-scan.js';

describe('member scan', () => {
  it('walks nesting far deeper than any call stack without recursing on it', () => {
    // Built in a loop: any recursive walk (JSON.stringify included) would overflow on it.
    let data: unknown = { $where: 'sleep(1000)', text: 'bell\u0007' };
    for (let level = 0; level < 200_000; level += 1) data = level % 2 === 0 ? { a: data } : [data];
    const scan = scanMembers(data, 10);
    expect(scan.forbiddenKeys).to.have.length(1);
    expect(scan.forbiddenKeys[0]!.pointer).to.match(/^(\/0\/a)+\/\$where$/);
    expect(scan.invalidText[0]!.pointer).to.match(/\/text$/);
  });

  it('reports in document order and stops at the limit', () => {
    const scan = scanMembers({ first: { $x: 1, ok: [{ 'a.b': 1 }] }, $y: 2, later: { $z: 3 } }, 3);
    expect(scan.forbiddenKeys.map((issue) => issue.pointer)).to.deep.equal(['/first/$x', '/first/ok/0/a.b', '/$y']);
  });
});
