(define-library (libs bad-export)
  (export defined-one undefined-one)
  (import (scheme base))
  (begin (define defined-one 1)))
