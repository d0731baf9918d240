// CPU time of a process tree from /proc (Linux): how the benchmark charges each scenario its cost.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

/** pid, command name, parent pid and CPU ticks (user + system) of one process, or null once it is gone. */
function stat(pid) {
  try {
    const line = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may itself contain spaces or parentheses.
    const close = line.lastIndexOf(')');
    const name = line.slice(line.indexOf('(') + 1, close);
    const fields = line.slice(close + 2).split(' ');
    // After the name: state(0) ppid(1) ... utime(11) stime(12).
    return { pid, name, ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}

/** Every live process under `rootPid`, itself included. */
export function processTree(rootPid) {
  const all = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map((entry) => stat(Number(entry)))
    .filter(Boolean);
  const tree = [];
  const frontier = [rootPid];
  while (frontier.length > 0) {
    const pid = frontier.pop();
    const found = all.find((process) => process.pid === pid);
    if (found) tree.push(found);
    frontier.push(...all.filter((process) => process.ppid === pid).map((process) => process.pid));
  }
  return tree;
}

/**
 * CPU milliseconds used so far by the runtime (`workerd`) processes under `rootPid`, and by the
 * rest of the tree (wrangler's Node processes, which only supervise and log).
 */
export function cpuMs(rootPid) {
  const tree = processTree(rootPid);
  const ms = (processes) => (processes.reduce((sum, process) => sum + process.ticks, 0) * 1000) / CLOCK_TICKS;
  return {
    runtime: ms(tree.filter((process) => process.name === 'workerd')),
    supervisor: ms(tree.filter((process) => process.name !== 'workerd')),
  };
}

export { CLOCK_TICKS };
