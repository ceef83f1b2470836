;; earley.scm -- an Earley parser (chart of item sets, predictor,
;; scanner, completer) for the ambiguous grammar S -> S S | a, with the
;; number of parse trees of each item counted along the way.  Out: the
;; number of parses of a string of 20 a's, the Catalan number C(19).
(import (scheme base) (scheme cxr) (harness))

;; Grammar: a vector of rules (lhs . rhs-list); nonterminals are
;; symbols, terminals are chars.
(define grammar (vector (cons 'S '(S S)) (cons 'S '(#\a))))

;; An item: rule index, dot position, origin; kept in per-position
;; association lists from the item key to its parse count (the ways
;; the part before the dot derives the input from origin to here; 1
;; for an item with the dot first).
(define (item-key rule dot origin) (+ rule (* 2 (+ dot (* 4 origin)))))

(define (parse input)
  (let* ((n (string-length input))
         (chart (make-vector (+ n 1) '())))
    (define (lookup k key) (assv key (vector-ref chart k)))
    ;; add!: adds the item to position k with count parses unless it is
    ;; there; #t when it is new.  (recount sets the counts of items with
    ;; the dot after the first symbol.)
    (define (add! k rule dot origin count)
      (let* ((key (item-key rule dot origin)) (entry (lookup k key)))
        (if entry
            #f
            (begin (vector-set! chart k (cons (list key (vector rule dot origin) count)
                                              (vector-ref chart k)))
                   #t))))
    (define (rhs rule) (cdr (vector-ref grammar rule)))
    (define (next-symbol rule dot)
      (let loop ((r (rhs rule)) (d dot))
        (cond ((null? r) #f) ((= d 0) (car r)) (else (loop (cdr r) (- d 1))))))
    ;; Items are processed in order of origin descending (completion of
    ;; longer spans needs the counts of shorter ones first): for this
    ;; grammar each position is processed as a fixed point.
    (define (process k)
      (let loop ()
        (let ((changed #f))
          (for-each
           (lambda (entry)
             (let* ((item (cadr entry)) (rule (vector-ref item 0)) (dot (vector-ref item 1))
                    (origin (vector-ref item 2)) (sym (next-symbol rule dot)))
               (cond ((symbol? sym)
                      (do ((r 0 (+ r 1))) ((= r (vector-length grammar)))
                        (if (eq? (car (vector-ref grammar r)) sym)
                            (if (add! k r 0 k 1) (set! changed #t)))))
                     ((not sym)
                      (if (< origin k)
                          (for-each
                           (lambda (e)
                             (let* ((it (cadr e)) (r (vector-ref it 0)) (d (vector-ref it 1)))
                               (if (eq? (next-symbol r d) (car (vector-ref grammar rule)))
                                   (if (add! k r (+ d 1) (vector-ref it 2) 0) (set! changed #t)))))
                           (vector-ref chart origin)))))))
           (vector-ref chart k))
          (if changed (loop)))))
    (define (count-of k rule dot origin)
      (let ((e (lookup k (item-key rule dot origin)))) (if e (caddr e) 0)))
    ;; Counts by span length: the items ending at k with origin i
    ;; depend on completed items of spans [j, k) with j > i, so origins
    ;; go from k - 1 down; within one origin, complete items first.
    (define (recount k)
      (do ((origin (- k 1) (- origin 1))) ((< origin 0))
        (for-each
         (lambda (complete?)
           (for-each
            (lambda (entry)
              (let* ((item (cadr entry)) (rule (vector-ref item 0)) (dot (vector-ref item 1)))
                (if (and (= (vector-ref item 2) origin) (> dot 0)
                         (eq? complete? (= dot (length (rhs rule)))))
                    (set-car! (cddr entry) (item-count k rule dot origin)))))
            (vector-ref chart k)))
         '(#t #f))))
    (define (item-count k rule dot origin)
      (let ((sym (next-symbol rule (- dot 1))))
        (if (char? sym)
            (count-of (- k 1) rule (- dot 1) origin)
            (let loop ((j origin) (sum 0))
              (if (> j k)
                  sum
                  (loop (+ j 1)
                        (+ sum (* (count-of j rule (- dot 1) origin)
                                  (let s ((r 0) (t 0))
                                    (if (= r (vector-length grammar)) t
                                        (s (+ r 1)
                                           (if (eq? (car (vector-ref grammar r)) sym)
                                               (+ t (count-of k r (length (rhs r)) j))
                                               t))))))))))))
    (add! 0 0 0 0 1)
    (add! 0 1 0 0 1)
    (process 0)
    (do ((k 1 (+ k 1))) ((> k n))
      ;; scanner
      (for-each
       (lambda (entry)
         (let* ((item (cadr entry)) (rule (vector-ref item 0)) (dot (vector-ref item 1)))
           (if (eqv? (next-symbol rule dot) (string-ref input (- k 1)))
               (add! k rule (+ dot 1) (vector-ref item 2) 0))))
       (vector-ref chart (- k 1)))
      (process k)
      (recount k))
    (+ (count-of n 0 2 0) (count-of n 1 1 0))))

(run-benchmark "earley" 5 (lambda () (parse (make-string (hide 20) #\a))) 1767263190)
