// PCSC: see docs/architecture.md.
