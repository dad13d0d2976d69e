import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { RestartPolicy } from '../src/restartPolicy';

describe('RestartPolicy', () => {
  it('restarts up to the limit within the window, then gives up', () => {
    const policy = new RestartPolicy(2, 1000);
    assert.equal(policy.shouldRestart(0), true);
    assert.equal(policy.shouldRestart(10), true);
    assert.equal(policy.shouldRestart(20), false);
    assert.equal(policy.recentCrashes, 3);
  });

  it('forgets crashes older than the window', () => {
    const policy = new RestartPolicy(1, 1000);
    assert.equal(policy.shouldRestart(0), true);
    assert.equal(policy.shouldRestart(1500), true);
    assert.equal(policy.shouldRestart(1600), false);
  });

  it('starts over after reset', () => {
    const policy = new RestartPolicy(1, 1000);
    policy.shouldRestart(0);
    policy.shouldRestart(1);
    policy.reset();
    assert.equal(policy.shouldRestart(2), true);
  });
});
