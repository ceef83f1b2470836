(define-library (libs cycle-b)
  (export b)
  (import (scheme base) (libs cycle-a))
  (begin (define b 2)))
