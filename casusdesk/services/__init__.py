"""Use cases over the domain and the store: exports, catalogues, anonymization. No Qt."""
