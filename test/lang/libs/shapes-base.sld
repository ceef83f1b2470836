;; The bottom of a diamond: both (libs shape-area) and (libs shape-name)
;; import it; it is loaded (and its top level run) once.
(define-library (libs shapes-base)
  (export make-rect rect-w rect-h rect? loads)
  (import (scheme base) (scheme write))
  (begin
    (define-record-type rect (make-rect w h) rect? (w rect-w) (h rect-h))
    (define load-count 0)
    (set! load-count (+ load-count 1))
    (define (loads) load-count)))
