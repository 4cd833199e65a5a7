import type { Fact } from './feature-facts';

/** A feature's live values as a definition list: the tooltip and the detail panel style it their own way. */
export function FactList({ facts, className, rowClassName }: { facts: readonly Fact[]; className: string; rowClassName: string }) {
  return (
    <dl className={className}>
      {facts.map((fact) => (
        <div key={fact.label} className={rowClassName}>
          <dt>{fact.label}</dt>
          <dd>{fact.value}</dd>
        </div>
      ))}
    </dl>
  );
}
