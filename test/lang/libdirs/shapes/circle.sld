(define-library (shapes circle)
  (export circle-area)
  (import (scheme base) (shapes util))
  (begin (define (circle-area r) (scale (* r r) 3))))
