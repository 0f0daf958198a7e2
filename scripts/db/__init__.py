"""The database capability: dumps shipped out of AWS, restored anywhere, and RDS recovery inside AWS."""
