;; fringe.scm -- re-entrant continuations: the same-fringe problem with
;; generators that walk a tree and return each leaf by capturing a
;; continuation (re-entered for the next leaf).  Two pseudo-random
;; trees with the same leaves in different shapes are compared, then
;; one with a leaf changed.  Out: (#t #f leaves).
(import (scheme base) (harness))

;; make-generator: a procedure returning the tree's leaves one per
;; call, then the end marker.
(define (make-generator tree)
  (define return #f)
  (define (walk t)
    (cond ((null? t) 'skip)
          ((pair? t) (walk (car t)) (walk (cdr t)))
          (else (call-with-current-continuation
                 (lambda (resume)
                   (set! next (lambda () (resume #f)))
                   (return t))))))
  (define next
    (lambda () (walk tree) (return 'end)))
  (lambda ()
    (call-with-current-continuation
     (lambda (k) (set! return k) (next)))))

(define (same-fringe? a b)
  (let ((ga (make-generator a)) (gb (make-generator b)))
    (let loop ((n 0))
      (let ((x (ga)) (y (gb)))
        (cond ((not (eqv? x y)) #f)
              ((eq? x 'end) n)
              (else (loop (+ n 1))))))))

;; build: a tree of the leaves lo..hi-1, split at a pseudo-random point.
(define (build lo hi seed)
  (if (= (- hi lo) 1)
      lo
      (let ((mid (+ lo 1 (remainder seed (- hi lo 1)))))
        (cons (build lo mid (remainder (+ (* seed 31) 7) 10007))
              (build mid hi (remainder (+ (* seed 17) 3) 10009))))))

(define (run n)
  (let* ((a (build 0 n 1)) (b (build 0 n 2)) (c (build 0 n 3)))
    (set-car! (let leftmost ((t c)) (if (pair? (car t)) (leftmost (car t)) t)) -1)
    (let ((same (same-fringe? a b)))
      (list (and same #t) (same-fringe? a c) same))))

(run-benchmark "fringe" 20 (lambda () (run (hide 2000))) '(#t #f 2000))
