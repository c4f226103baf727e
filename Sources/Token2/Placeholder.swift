// Token2: see docs/architecture.md.
