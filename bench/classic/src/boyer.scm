;; boyer.scm -- a term-rewriting tautology checker in the style of
;; Boyer's theorem prover: terms are rewritten to normal form with a
;; lemma database indexed by function symbol (rules with pattern
;; variables, one-way unification), then checked for tautology by
;; case-splitting on if.  Out: (tautologies proved . rewrites done).
(import (scheme base) (scheme cxr) (harness))

;; Lemmas: (equal lhs rhs); symbols beginning with ? are variables.
(define lemmas
  '((equal (equal ?x ?x) t)
    (equal (and ?p ?q) (if ?p (if ?q t f) f))
    (equal (or ?p ?q) (if ?p t (if ?q t f)))
    (equal (not ?p) (if ?p f t))
    (equal (implies ?p ?q) (if ?p (if ?q t f) t))
    (equal (iff ?p ?q) (and (implies ?p ?q) (implies ?q ?p)))
    (equal (xor ?p ?q) (not (iff ?p ?q)))
    (equal (if (if ?a ?b ?c) ?d ?e) (if ?a (if ?b ?d ?e) (if ?c ?d ?e)))
    (equal (zerop ?x) (or (equal ?x (zero)) (not (numberp ?x))))
    (equal (plus (plus ?x ?y) ?z) (plus ?x (plus ?y ?z)))
    (equal (equal (plus ?a ?b) (zero)) (and (zerop ?a) (zerop ?b)))
    (equal (difference ?x ?x) (zero))
    (equal (append (append ?x ?y) ?z) (append ?x (append ?y ?z)))
    (equal (reverse (append ?a ?b)) (append (reverse ?b) (reverse ?a)))
    (equal (times ?x (plus ?y ?z)) (plus (times ?x ?y) (times ?x ?z)))
    (equal (times (times ?x ?y) ?z) (times ?x (times ?y ?z)))
    (equal (equal (times ?x ?y) (zero)) (or (zerop ?x) (zerop ?y)))
    (equal (member ?x (append ?a ?b)) (or (member ?x ?a) (member ?x ?b)))
    (equal (length (reverse ?x)) (length ?x))
    (equal (length (append ?a ?b)) (plus (length ?a) (length ?b)))
    (equal (lessp (plus ?x ?y) (plus ?x ?z)) (lessp ?y ?z))
    (equal (nth (append ?a ?b) ?i) (append (nth ?a ?i) (nth ?b (difference ?i (length ?a)))))
    (equal (equal (append ?a ?b) (append ?a ?c)) (equal ?b ?c))))

(define (variable? x)
  (and (symbol? x)
       (let ((s (symbol->string x)))
         (and (> (string-length s) 0) (char=? (string-ref s 0) #\?)))))

;; The database: an association list from function symbol to the
;; lemmas whose left side starts with it.
(define (make-db lemmas)
  (let loop ((l lemmas) (db '()))
    (if (null? l) db
        (let* ((lemma (car l)) (op (car (cadr lemma))) (entry (assq op db)))
          (if entry
              (begin (set-cdr! entry (append (cdr entry) (list lemma))) (loop (cdr l) db))
              (loop (cdr l) (cons (list op lemma) db)))))))

(define db (make-db lemmas))
(define rewrites 0)

;; match: extends bindings so that pattern matches term, or #f.
(define (match pattern term bindings)
  (cond ((variable? pattern)
         (let ((b (assq pattern bindings)))
           (if b (and (equal? (cdr b) term) bindings) (cons (cons pattern term) bindings))))
        ((pair? pattern)
         (and (pair? term) (eq? (car pattern) (car term))
              (let loop ((ps (cdr pattern)) (ts (cdr term)) (bindings bindings))
                (cond ((null? ps) (and (null? ts) bindings))
                      ((null? ts) #f)
                      (else (let ((b (match (car ps) (car ts) bindings)))
                              (and b (loop (cdr ps) (cdr ts) b))))))))
        (else (and (equal? pattern term) bindings))))

(define (substitute term bindings)
  (cond ((variable? term) (cdr (assq term bindings)))
        ((pair? term) (cons (car term) (map (lambda (t) (substitute t bindings)) (cdr term))))
        (else term)))

(define (rewrite term)
  (if (not (pair? term))
      term
      (rewrite-with-lemmas (cons (car term) (map rewrite (cdr term))))))

(define (rewrite-with-lemmas term)
  (let ((entry (assq (car term) db)))
    (let loop ((ls (if entry (cdr entry) '())))
      (if (null? ls)
          term
          (let ((b (match (cadr (car ls)) term '())))
            (if b
                (begin (set! rewrites (+ rewrites 1))
                       (rewrite (substitute (caddr (car ls)) b)))
                (loop (cdr ls))))))))

;; tautology?: true when every path through the if-tree ends in t,
;; assuming tests true or false along the way.
(define (tautology? x true-list false-list)
  (cond ((or (eq? x 't) (member x true-list)) #t)
        ((or (eq? x 'f) (member x false-list)) #f)
        ((and (pair? x) (eq? (car x) 'if))
         (let ((test (cadr x)))
           (cond ((or (eq? test 't) (member test true-list))
                  (tautology? (caddr x) true-list false-list))
                 ((or (eq? test 'f) (member test false-list))
                  (tautology? (cadddr x) true-list false-list))
                 (else (and (tautology? (caddr x) (cons test true-list) false-list)
                            (tautology? (cadddr x) true-list (cons test false-list)))))))
        (else #f)))

(define (prove term)
  (tautology? (rewrite term) '() '()))

(define theorems
  '((implies (and (implies a b) (and (implies b c) (and (implies c d) (implies d e))))
             (implies a e))
    (implies (and (or a b) (and (implies a c) (implies b c))) c)
    (iff (and (or p q) (or p r)) (or p (and q r)))
    (equal (append (append a b) (append c d)) (append a (append b (append c d))))
    (equal (length (reverse (append a b))) (plus (length b) (length a)))
    (implies (and (iff a b) (iff b c)) (iff a c))
    (equal (times (times a (plus b c)) d) (plus (times a (times b d)) (times a (times c d))))))

(define (run theorems)
  (set! rewrites 0)
  (let loop ((ts theorems) (proved 0))
    (if (null? ts)
        (cons proved rewrites)
        (loop (cdr ts) (if (prove (car ts)) (+ proved 1) proved)))))

(run-benchmark "boyer" 20 (lambda () (run (hide theorems))) '(6 . 2780))
