// Deterministic order: unit tests, then integration tests by name, and last the test that
// restarts the Docker engine (everything after it would run against an engine coming back).
const Sequencer = require('@jest/test-sequencer').default;

class OrderedSequencer extends Sequencer {
  sort(tests) {
    const rank = (p) => (p.includes('engine-restart') ? 2 : p.includes('/integration/') ? 1 : 0);
    return [...tests].sort((a, b) => rank(a.path) - rank(b.path) || a.path.localeCompare(b.path));
  }
}

module.exports = OrderedSequencer;
