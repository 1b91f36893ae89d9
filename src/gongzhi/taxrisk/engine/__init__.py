"""The tax-risk rule engine (pure: no Django, no ORM).

A rule is a SQL file returning leads plus a YAML file of metadata (`taxrisk/rules/`); it is
checked with SQLGlot before use and runs with bound parameters on DuckDB (one in-memory
database per run over immutable Parquet files) or, transpiled, on Spark.

Public API:
- rules: `Rule`, `Param`, `RuleError`, `load_rules`, `load_rule`, `parse_rule`, `RULES_DIR`;
- checking: `check_rule`, `prepare`, `STANDARD_COLUMNS` (module `sqlcheck`);
- running: `run_rules` (`runner`: one rule loop over `exchange.tables.Source`s, with an
  adapter per engine: `duckdb_runner.DuckDBAdapter`, `spark_runner.SparkAdapter`;
  `spark_runner.spark_session` starts a session, local or on a cluster's master), returning a `RunResult` of `Lead`s
  with `Evidence`, seconds and errors per rule;
- data: the datasets' schemas are the demand list's (`exchange.tables`); the engine has none
  of its own. A rule reading a field the current version lacks fails, naming the field.

Decisions shared by all rules (each rule's YAML `edges` says the rest, in Chinese):
- a lead is one rule, one taxpayer (or person) and one period YYYY-MM: the month of the
  event (deal, permit issue, land contract, subsidy payment) or the month compared (R06-R08);
  several events of one month are one lead, amounts summed, every row as evidence;
- "paid X in month M": a tax_paid row of that taxpayer, tax_type X, paid_date in calendar
  month M (any amount); "month M or the k months after": months M..M+k inclusive;
- "filled": NOT NULL after '' became NULL; for a dataset with a key the current row of each
  key is the one of the latest submission (`datasets`);
- money is exact decimal arithmetic, rounded half-up to cents once, after summing;
- R06: revenue/kWh of the same company and month, both rows needed, truncated to 10^-12;
  industries with fewer than 5 such companies that month skipped; exact median (mean of the
  two middle values); strictly below 30%, strictly above 10,000 kWh;
- R07: declared revenue of the same month, none = 0; R09: credit_year = year(pay_date).
"""

from gongzhi.taxrisk.engine.results import Evidence, Lead, RunResult
from gongzhi.taxrisk.engine.rules import RULES_DIR, Param, Rule, RuleError, load_rule, load_rules, parse_rule
from gongzhi.taxrisk.engine.runner import run_rules
from gongzhi.taxrisk.engine.sqlcheck import STANDARD_COLUMNS, check_fields, check_rule, prepare

__all__ = [
    "RULES_DIR",
    "STANDARD_COLUMNS",
    "Evidence",
    "Lead",
    "Param",
    "Rule",
    "RuleError",
    "RunResult",
    "check_fields",
    "check_rule",
    "load_rule",
    "load_rules",
    "parse_rule",
    "prepare",
    "run_rules",
]
