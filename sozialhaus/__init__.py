"""Sozialhaus: the Fachverfahren for a Kreis and its Gemeinden."""
