// Intentionally empty: `node bench/empty.js` is the start-up every JavaScript action pays before its own code runs.
