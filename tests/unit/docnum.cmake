# Document numbers and references (lib/pt_docnum.c).
pt_unit(unit_docnum unit/test_docnum.c)
