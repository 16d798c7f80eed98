"""The index of a folder of plans (`Index`, what `corpus scan` finds): terminal, json
(duizhao/scan@1) and markdown, over `views`."""
