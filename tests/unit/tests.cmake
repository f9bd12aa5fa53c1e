# Unit tests of the library, one executable per area.
pt_unit(unit_core unit/test_core.c)
pt_unit(unit_model unit/test_model.c)
include(unit/csv.cmake OPTIONAL)
include(unit/docnum.cmake OPTIONAL)
include(unit/check.cmake OPTIONAL)
