(define-library (libs features)
  (export which has-base)
  (import (scheme base))
  (cond-expand
    ((and r7rs (not no-such-feature))
     (begin (define (which) 'r7rs)))
    (else
     (begin (define (which) 'other))))
  (cond-expand
    ((library (scheme base)) (begin (define has-base #t)))
    (else (begin (define has-base #f)))))
