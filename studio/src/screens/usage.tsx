// Usage: model tokens by day and model for each of your organisations, and today's budget left.
import { useEffect, useState } from 'react';
import { describeError } from '../api';
import type { Api } from '../api';
import type { OrganisationUsage } from '../types';

export function UsageScreen({ api }: { api: Api }) {
  const [usage, setUsage] = useState<OrganisationUsage[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.json<OrganisationUsage[]>('/api/usage').then(setUsage, (failure) => setError(describeError(failure)));
  }, [api]);

  return (
    <main>
      <h1>Usage</h1>
      {error && <p role="alert" className="error">{error}</p>}
      {!usage && !error && <p>Loading…</p>}
      {usage?.map((organisation) => (
        <section key={organisation.organisationId} aria-labelledby={`org-${organisation.organisationId}`}>
          <h2 id={`org-${organisation.organisationId}`}>{organisation.organisationName}</h2>
          <p>
            Today: {organisation.budget.used.toLocaleString()} of {organisation.budget.tokens.toLocaleString()} tokens used,{' '}
            {organisation.budget.remaining.toLocaleString()} left until {new Date(organisation.budget.resetsAt).toLocaleString()}. The offline model is free.
          </p>
          <meter min={0} max={organisation.budget.tokens} value={organisation.budget.used} aria-label={`Tokens used today by ${organisation.organisationName}`} />
          {organisation.days.length === 0 ? (
            <p>No model calls in this period.</p>
          ) : (
            <table>
              <caption>Tokens by day and model</caption>
              <thead>
                <tr>
                  <th scope="col">Day</th>
                  <th scope="col">Model</th>
                  <th scope="col">Calls</th>
                  <th scope="col">Input</th>
                  <th scope="col">Output</th>
                  <th scope="col">Total</th>
                </tr>
              </thead>
              <tbody>
                {organisation.days.map((day) => (
                  <tr key={`${day.day}-${day.model}`}>
                    <td>{day.day}</td>
                    <td>{day.model}</td>
                    <td>{day.calls}</td>
                    <td>{day.inputTokens.toLocaleString()}</td>
                    <td>{day.outputTokens.toLocaleString()}</td>
                    <td>{day.totalTokens.toLocaleString()}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ))}
    </main>
  );
}
