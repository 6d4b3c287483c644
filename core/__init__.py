"""The layer under every feature app: the domain's shared vocabulary, French text handling and the
site-wide mechanisms (open data, filters, imports, progress). It imports no feature app."""
