;; Exported macros whose templates use the library's private names.
(define-library (libs macros)
  (export swap! my-or while inc-log! log-entries)
  (import (scheme base))
  (begin
    (define log '())
    (define (note! x) (set! log (cons x log)))
    (define (log-entries) (reverse log))
    (define-syntax inc-log!
      (syntax-rules ()
        ((_ v) (begin (set! v (+ v 1)) (note! v)))))
    (define-syntax swap!
      (syntax-rules ()
        ((_ a b) (let ((tmp a)) (set! a b) (set! b tmp)))))
    (define-syntax my-or
      (syntax-rules ()
        ((_) #f)
        ((_ e) e)
        ((_ e r ...) (let ((t e)) (if t t (my-or r ...))))))
    (define-syntax while
      (syntax-rules ()
        ((_ c body ...) (let lp () (when c body ... (lp))))))))
