;; browse.scm -- a database of symbols with property lists (built with
;; string->symbol and a pseudo-random generator), searched with a
;; pattern matcher that has wildcards: ? matches one element, * any
;; sequence (backtracking).  Out: the number of (pattern, datum) matches.
(import (scheme base) (harness))

(define seed 21)
(define (random-below n)
  (set! seed (remainder (+ (* seed 17) 31) 65521))
  (remainder seed n))

;; Each unit is a symbol whose property list (an association list kept
;; in a table) has a pattern list: random lists over the atoms a b c.
(define atoms '#(a b c))
(define (random-list n)
  (let loop ((i 0) (l '()))
    (if (= i n) l
        (loop (+ i 1)
              (cons (if (= (random-below 5) 0)
                        (random-list (+ 1 (random-below 3)))
                        (vector-ref atoms (random-below 3)))
                    l)))))

(define (make-units n)
  (let loop ((i 0) (units '()))
    (if (= i n) units
        (let ((name (string->symbol (string-append "unit" (number->string i)))))
          (loop (+ i 1)
                (cons (cons name (list (cons 'pattern (random-list (+ 3 (random-below 6))))
                                       (cons 'index i)))
                      units))))))

(define (get plist key) (let ((p (assq key plist))) (and p (cdr p))))

(define (match pat dat)
  (cond ((null? pat) (null? dat))
        ((eq? (car pat) '*)
         (or (match (cdr pat) dat)
             (and (pair? dat) (match pat (cdr dat)))))
        ((null? dat) #f)
        ((eq? (car pat) '?) (match (cdr pat) (cdr dat)))
        ((pair? (car pat))
         (and (pair? (car dat)) (match (car pat) (car dat)) (match (cdr pat) (cdr dat))))
        (else (and (eq? (car pat) (car dat)) (match (cdr pat) (cdr dat))))))

(define patterns
  '((* a * b *) (? ? * c) (* (? *) *) (a * a) (* b ? b *) (* (* c) * a) (c ? ? *) (* a b c *)))

(define (browse units)
  (let loop ((us units) (n 0))
    (if (null? us) n
        (let ((pat-list (get (cdr (car us)) 'pattern)))
          (loop (cdr us)
                (let count ((ps patterns) (n n))
                  (if (null? ps) n
                      (count (cdr ps) (if (match (car ps) pat-list) (+ n 1) n)))))))))

(define (run n)
  (set! seed 21)
  (browse (make-units n)))

(run-benchmark "browse" 20 (lambda () (run (hide 2000))) 4136)
