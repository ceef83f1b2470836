;; bench/scheme/guile.scm -- prelude put in front of each
;; bench/programs/*.zt file for guile: SRFI 69 hash tables (the names the
;; benchmarks use) come from guile's own module.
(use-modules (srfi srfi-69))
