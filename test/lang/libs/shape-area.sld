(define-library (libs shape-area)
  (export area)
  (import (scheme base) (libs shapes-base))
  (begin (define (area r) (* (rect-w r) (rect-h r)))))
