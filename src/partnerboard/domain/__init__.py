"""Rules and vocabularies of the partnership's registers; no database, no Qt."""
