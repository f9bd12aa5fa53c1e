/* pt_docnum.h - Vietnamese document numbers ("số ký hiệu").
 *
 * "1554/UBND-KGVX", "03/KH-UBND", "56/2017/NĐ-CP", "566-CV/HU", "20-CT/TW",
 * "1472/QĐ-TTg": kept as printed, and parsed into number, year, kind and
 * issuer code. Stray spaces ("1472/QĐ- TTg", "566 -CV/HU") and case ("QĐ-TTG")
 * do not change the key, so references compare equal.
 */
#ifndef PT_DOCNUM_H
#define PT_DOCNUM_H

#include <stdbool.h>
#include <stddef.h>
#include "pt_date.h"

typedef struct {
    char printed[96];  /* as printed, trimmed */
    char clean[96];    /* spaces removed: "566-CV/HU" */
    char key[96];      /* clean, NFC and upper-cased: comparison key */
    long number;       /* 1554; -1 when absent */
    int year;          /* 2017 in 56/2017/NĐ-CP; 0 when absent */
    char kind[16];     /* "KH", "CV", "NĐ", "QĐ", "CT", "TT", "QH" ...; "" when unknown */
    char issuer[48];   /* "UBND-KGVX", "UBND", "CP", "HU", "TW", "TTg" */
} pt_docnum;

/* Parses a document number. Returns 0, or -1 when s is not one. */
int pt_docnum_parse(pt_docnum *out, const char *s);

/* Equal numbers after cleaning (stray spaces, case). */
bool pt_docnum_equal(const pt_docnum *a, const pt_docnum *b);

/* A reference as printed in a basis line: "Quyết định số 1472/QĐ-TTg ngày
 * 28/9/2020 của Thủ tướng Chính phủ". Finds the number, the date after
 * "ngày" and the document type word. */
typedef struct {
    pt_docnum num;
    bool has_num;
    char type[48];     /* "Quyết định", "Thông tư", "Công văn", "Luật" ... or "" */
    pt_date date;      /* PT_DATE_NONE when absent */
} pt_docref;

/* Finds the first reference in text. Returns 0 when one was found. */
int pt_docref_parse(pt_docref *out, const char *text);

/* Finds every reference in text (a paragraph citing several documents).
 * Writes up to max into out; returns how many were found. */
size_t pt_docref_scan(pt_docref *out, size_t max, const char *text);

#endif
