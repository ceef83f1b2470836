;; harness.sld -- In: nothing.  Out: the library (harness) every classic
;; benchmark imports: run-benchmark and hide (see harness.scm).  Other
;; systems get harness.scm's text in front of the program instead
;; (bench/classic/run), so the definitions live there.
(define-library (harness)
  (export run-benchmark hide)
  (import (scheme base) (scheme write) (scheme time) (scheme process-context))
  (include "harness.scm"))
