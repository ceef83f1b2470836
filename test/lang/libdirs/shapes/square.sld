(define-library (shapes square)
  (export square-area)
  (import (scheme base) (shapes util))
  (begin (define (square-area s) (scale (* s s) 1))))
