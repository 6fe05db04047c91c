"""Plain-Python core of casusdesk: no Qt, no SQL, no document libraries."""
