// Intentionally empty: `node bench/empty.mjs` is the start-up every JavaScript action pays before its own code runs.
