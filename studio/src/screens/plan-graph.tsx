// A plan's steps drawn as their dependency graph: a column per depth (a step sits one column right
// of the deepest step it depends on), an arrow per dependency, each box coloured by its status. The
// list beside it says the same in text, for screen readers and keyboards.
import type { BuildStep } from '../types';

const BOX = { width: 190, height: 46, columnGap: 50, rowGap: 16 };

/** Each step's column: 0 without dependencies, else one more than its deepest dependency. */
function depths(steps: BuildStep[]): Map<string, number> {
  const byId = new Map(steps.map((step) => [step.id, step]));
  const depth = new Map<string, number>();
  const visit = (step: BuildStep, seen: Set<string>): number => {
    const known = depth.get(step.id);
    if (known !== undefined) return known;
    // A plan is a DAG (the API checks it); `seen` only keeps a malformed one from looping.
    seen.add(step.id);
    const parents = step.dependsOn.map((id) => byId.get(id)).filter((parent): parent is BuildStep => !!parent && !seen.has(parent.id));
    const value = parents.length === 0 ? 0 : 1 + Math.max(...parents.map((parent) => visit(parent, seen)));
    depth.set(step.id, value);
    return value;
  };
  for (const step of steps) visit(step, new Set());
  return depth;
}

const short = (title: string) => (title.length > 26 ? title.slice(0, 25) + '…' : title);

export function PlanGraph({ steps }: { steps: BuildStep[] }) {
  const depth = depths(steps);
  const rows = new Map<number, number>();
  const position = new Map<string, { x: number; y: number }>();
  for (const step of [...steps].sort((a, b) => a.order - b.order)) {
    const column = depth.get(step.id)!;
    const row = rows.get(column) ?? 0;
    rows.set(column, row + 1);
    position.set(step.id, { x: column * (BOX.width + BOX.columnGap), y: row * (BOX.height + BOX.rowGap) });
  }
  const width = (Math.max(0, ...depth.values()) + 1) * (BOX.width + BOX.columnGap) - BOX.columnGap;
  const height = Math.max(1, ...rows.values()) * (BOX.height + BOX.rowGap) - BOX.rowGap;
  const done = steps.filter((step) => step.status === 'done').length;
  return (
    <svg className="plan-graph" viewBox={`-2 -2 ${width + 4} ${height + 4}`} width={width + 4} role="img" aria-label={`Plan graph: ${done} of ${steps.length} steps done`}>
      <defs>
        <marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" className="arrow-head" />
        </marker>
      </defs>
      {steps.flatMap((step) =>
        step.dependsOn.map((parentId) => {
          const from = position.get(parentId);
          const to = position.get(step.id)!;
          if (!from) return null;
          const [x1, y1, x2, y2] = [from.x + BOX.width, from.y + BOX.height / 2, to.x, to.y + BOX.height / 2];
          const bend = (x2 - x1) / 2;
          return <path key={`${parentId}-${step.id}`} className="edge" d={`M ${x1} ${y1} C ${x1 + bend} ${y1}, ${x2 - bend} ${y2}, ${x2} ${y2}`} markerEnd="url(#arrow)" />;
        }),
      )}
      {steps.map((step) => {
        const { x, y } = position.get(step.id)!;
        return (
          <g key={step.id} className={`node ${step.status}`} transform={`translate(${x} ${y})`}>
            <rect width={BOX.width} height={BOX.height} rx="6" />
            <text x="10" y="19">
              {short(step.title)}
            </text>
            <text x="10" y="36" className="node-status">
              {step.status}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
