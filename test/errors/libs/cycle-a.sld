(define-library (libs cycle-a)
  (export a)
  (import (scheme base) (libs cycle-b))
  (begin (define a 1)))
