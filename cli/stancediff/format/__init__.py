"""Reading the format: its definition (`spec`), the strict YAML reader (`load`),
the schema check (`conform`), the typed records (`model`) and the assembly of a
dataset folder into them (`dataset`); `schema` derives the JSON Schemas."""
