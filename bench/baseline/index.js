// The baseline Worker: the cheapest answer the runtime can give, a small JSON body.
const BODY = JSON.stringify({ ok: true, service: 'baseline' });

export default {
  fetch() {
    return new Response(BODY, { headers: { 'content-type': 'application/json' } });
  },
};
