"""Storage: engine and connection pragmas, models per register, migrations, backup and checks."""
