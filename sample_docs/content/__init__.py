"""Hand-cleaned content of the seed referater, one module per seed (see ../make_pdfs.py)."""
