"""The index of a folder of plans (`Index`, what `corpus scan` finds): terminal, json and markdown."""
