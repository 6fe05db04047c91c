"""Local SQLite store (SQLModel). The only layer that speaks SQL. No Qt."""
