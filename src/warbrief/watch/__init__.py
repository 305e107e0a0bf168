"""Watchlists and alerts: saved queries over the store, matched as documents arrive, delivered
by Atom feed, signed webhook and e-mail digest.

- `model`: a watch as data (`WatchSpec`), its YAML form;
- `service`: add, list, remove, import, export (what the CLI, API and pages call);
- `deliver`: the outbox worker (`deliver_due`, `Dispatcher`), with `webhook`, `mail`, `feed`.

The matching itself is SQL in `warbrief.store.watch_match`, run inside each ingest transaction.
"""
