/* plantrack.h - the whole public API of libplantrack, for programs that
 * want one include. Each module's header is its manual. */
#ifndef PLANTRACK_H
#define PLANTRACK_H

#include "pt_date.h"
#include "pt_diag.h"
#include "pt_util.h"
#include "pt_text.h"
#include "pt_yaml.h"
#include "pt_calendar.h"
#include "pt_deadline.h"
#include "pt_docnum.h"
#include "pt_registry.h"
#include "pt_plan.h"
#include "pt_csv.h"
#include "pt_status.h"
#include "pt_check.h"
#include "pt_report.h"
#include "pt_ical.h"
#include "pt_render.h"
#include "pt_draft.h"
#include "pt_explain.h"
#include "pt_output.h"

#endif
