// `npm run bench`: the benchmarks arrive with the benchmark issue (#7).
console.log('no benchmarks yet');
