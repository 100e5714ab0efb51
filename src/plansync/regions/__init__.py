"""Generated regions: the kinds registry, marker grammar, rendering, splicing.

``kinds.KINDS`` registers every region kind (name, options, renderer, the shape of its lines,
its labels); ``markers`` validates and pairs markers; ``render`` builds a body; ``splice``
replaces bodies without touching another byte. One module per kind renders it.

May import: ``plansync.errors``, ``plansync.model``, ``plansync.document``, ``plansync.edits``,
``plansync.dates``. Pure: no file, clock or git. This file imports nothing.
"""
